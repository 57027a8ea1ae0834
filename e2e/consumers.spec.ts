import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { MetadataScanner } from '@nestjs/core';
import { ListenerMetadataExplorer } from '@nestjs/microservices/listener-metadata-explorer.js';
import { CONSUMERS } from '@safeguard/contracts';

/*
 * The consumer table in libs/contracts (from which the AsyncAPI document's receive operations and dead-letter
 * channels are generated) against the services' own handlers, found the way Nest finds them when the event server
 * starts: every exported class in services/<service>/src/kafka/, explored for event patterns. Here rather than in a
 * service: only this folder may read several services' code.
 */

const services = new URL('../services/', import.meta.url);
const dirs = readdirSync(services, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const files = (dir: URL): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(f.name))
    .map((f) => `${f.parentPath}/${f.name}`);
const exists = (url: URL) => { try { readdirSync(url); return true; } catch { return false; } };

/** A service's name as its config gives it (SERVICE_NAME, which also names its consumer group). */
const serviceName = (dir: string): string => {
  const config = readFileSync(new URL(`${dir}/src/config.ts`, services), 'utf8');
  const name = /SERVICE_NAME: '([a-z-]+)'/.exec(config)?.[1];
  if (!name) throw new Error(`services/${dir}/src/config.ts: no SERVICE_NAME`);
  return name;
};

/** The topics a service's event server subscribes to: the event patterns of the classes in its src/kafka/. */
async function handledTopics(dir: string): Promise<string[]> {
  const kafka = new URL(`${dir}/src/kafka/`, services);
  if (!exists(kafka)) return [];
  const explorer = new ListenerMetadataExplorer(new MetadataScanner());
  const topics: string[] = [];
  for (const file of files(kafka)) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const exported of Object.values(module)) {
      if (typeof exported !== 'function' || !exported.prototype) continue;
      for (const listener of explorer.explore(Object.create(exported.prototype as object) as object)) {
        if (listener.isEventHandler) topics.push(...listener.patterns.map(String));
      }
    }
  }
  return topics.sort();
}

describe('the consumer table', () => {
  it("lists exactly each service's event handlers", async () => {
    const found: Record<string, string[]> = {};
    for (const dir of dirs) {
      const topics = await handledTopics(dir);
      if (topics.length > 0) found[serviceName(dir)] = topics;
    }
    const declared = Object.fromEntries(Object.entries(CONSUMERS).map(([s, cs]) => [s, cs.map((c) => c.topic).sort()]));
    expect(found).toEqual(declared);
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['risk-scoring', 'episode-tracker', 'notifier']));
  });

  it('finds every event handler in a src/kafka/ folder, where the table looks', () => {
    const elsewhere = dirs.flatMap((dir) =>
      files(new URL(`${dir}/src/`, services))
        .filter((f) => !f.includes(`/services/${dir}/src/kafka/`))
        .filter((f) => /@(OnEvent|EventPattern)\(/.test(readFileSync(f, 'utf8'))));
    expect(elsewhere).toEqual([]);
  });
});
