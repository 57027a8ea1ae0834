import axios, { isAxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { PermanentDeliveryError } from './channel.js';

export interface NotifySettings {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/** GOV.UK Notify's own client, with a timeout (its default HTTP client has none). */
export function notifyClient(s: NotifySettings): NotifyClient {
  const client = new NotifyClient(s.baseUrl, s.apiKey);
  // The client's types name axios's CommonJS build; the instance is the same at runtime.
  client.setClient(axios.create({ timeout: s.timeoutMs }) as unknown as Parameters<NotifyClient['setClient']>[0]);
  return client;
}

/**
 * Notify's answers as its API documents them: 400 (bad number, address, template or personalisation) and 403 (bad
 * key or clock) will not be fixed by retrying, so the channel fails at once; 429, 5xx and network errors are retried.
 * The error names Notify's error class only: its message can quote the recipient's address.
 */
export async function sendThroughNotify(send: () => Promise<{ data: { id: string } }>): Promise<{ providerId: string }> {
  try {
    const res = await send();
    return { providerId: res.data.id };
  } catch (error) {
    // eslint-disable-next-line preserve-caught-error -- no cause: its text can quote the recipient's address
    if (!isAxiosError(error) || !error.response) throw new Error(`Notify unreachable: ${isAxiosError(error) ? error.code : (error as Error).name}`);
    const status = error.response.status;
    const kind = (error.response.data as { errors?: { error?: string }[] } | undefined)?.errors?.[0]?.error ?? 'unknown';
    if (status === 400 || status === 403) throw new PermanentDeliveryError(`Notify ${status} ${kind}`);
    throw new Error(`Notify ${status} ${kind}`); // eslint-disable-line preserve-caught-error -- no cause: its text can quote the recipient's address
  }
}
