import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { WebConfig } from '../config.js';
import type { Claims } from '../domain/council-roles.js';
import { WEB_CONFIG } from '../tokens.js';
import { councilSignIn, type CouncilSignInSettings } from './config.js';

/** What one sign-in attempt must remember between sending the person to the provider and their coming back. */
export interface AttemptChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The provider's answer at the callback. `invalid` names the check that failed, never a value. */
export type ProviderAnswer =
  | { kind: 'signed-in'; issuer: string; subject: string; claims: Claims }
  | { kind: 'refused' }
  | { kind: 'invalid'; why: string }
  | { kind: 'unavailable'; why: string };

/** The provider could not be reached or did not describe itself (discovery). */
export class ProviderUnavailable extends Error {
  constructor(readonly why: string) {
    super(`the council's identity provider is not answering: ${why}`);
    this.name = 'ProviderUnavailable';
  }
}

const TIMEOUT_SECONDS = 10;

/**
 * The council's identity provider, through openid-client: the authorisation code flow with PKCE (S256), state and
 * nonce. Its metadata is discovered on first use, not at start, so the console starts (and serves signed-in people)
 * while the provider is down; a failed discovery is tried again on the next sign-in.
 */
@Injectable()
export class CouncilProvider {
  readonly settings: CouncilSignInSettings | undefined;
  private discovered?: Promise<oidc.Configuration>;

  constructor(@Inject(WEB_CONFIG) config: WebConfig) {
    this.settings = councilSignIn(config);
  }

  /** Fresh, unguessable values for one attempt: each is used once. */
  newChecks(): AttemptChecks {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  /** Where to send the person: the provider's authorisation endpoint with this attempt's challenge, state and nonce. */
  async authorisationUrl(checks: AttemptChecks): Promise<URL> {
    const s = this.required();
    return oidc.buildAuthorizationUrl(await this.configuration(), {
      redirect_uri: s.redirectUri.href, scope: s.scopes, state: checks.state, nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier), code_challenge_method: 'S256',
    });
  }

  /**
   * Reads the answer at the callback: checks state, issuer, the code exchange (with the PKCE verifier), the ID token's
   * signature, audience and nonce, then adds the UserInfo claims (many providers send groups only there).
   */
  async answer(callback: URLSearchParams, checks: AttemptChecks): Promise<ProviderAnswer> {
    const s = this.required();
    let config: oidc.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      return { kind: 'unavailable', why: (e as ProviderUnavailable).why ?? 'discovery failed' };
    }
    // The URL the provider redirected to, rebuilt from configuration: behind a proxy the request's own URL is not it.
    const current = new URL(s.redirectUri);
    current.search = callback.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      const userInfo = config.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub) : {};
      // The ID token's own claims win: they are signed; UserInfo only adds what the token left out.
      return { kind: 'signed-in', issuer: idToken.iss, subject: idToken.sub, claims: { ...userInfo, ...idToken } };
    } catch (e) {
      if (e instanceof oidc.AuthorizationResponseError) {
        if (e.error === 'access_denied') return { kind: 'refused' };
        // The error code came in the URL: logged only when it has the shape of one (RFC 6749 §4.1.2.1).
        const why = `error=${/^[a-z_]{1,40}$/.test(e.error) ? e.error : 'unrecognised'}`;
        return ['temporarily_unavailable', 'server_error'].includes(e.error) ? { kind: 'unavailable', why } : { kind: 'invalid', why };
      }
      const why = e instanceof oidc.ResponseBodyError ? `token endpoint: ${e.error}` : (e as { code?: string }).code ?? (e as Error).name;
      // fetch failing (DNS, refused connection) or timing out is the provider being away, not a bad answer.
      const away = (e instanceof TypeError && !(e as { code?: string }).code) || ['TimeoutError', 'AbortError'].includes((e as Error).name);
      return away ? { kind: 'unavailable', why: (e as Error).name } : { kind: 'invalid', why };
    }
  }

  private required(): CouncilSignInSettings {
    if (!this.settings) throw new Error('council sign-in is not configured');
    return this.settings;
  }

  private configuration(): Promise<oidc.Configuration> {
    const s = this.required();
    this.discovered ??= oidc
      .discovery(s.issuer, s.clientId, s.clientSecret, oidc.ClientSecretBasic(s.clientSecret), {
        // The ID token's signature is checked against the provider's published keys too, not only trusted for arriving
        // over TLS (which openid-client would accept by default).
        timeout: TIMEOUT_SECONDS, execute: [oidc.enableNonRepudiationChecks, ...(s.allowHttp ? [oidc.allowInsecureRequests] : [])],
      })
      .catch((e: unknown) => {
        this.discovered = undefined;
        throw new ProviderUnavailable((e as { code?: string }).code ?? (e as Error).name);
      });
    return this.discovered;
  }
}
