import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { ConfigError } from '../config.js';
import { clientAddress, parseTrustedProxies } from './client-address.js';

const request = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientAddress()', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = parseTrustedProxies('', 'TRUSTED_PROXIES');
    assert.equal(clientAddress(request('::ffff:127.0.0.1', '6.6.6.6'), none), '127.0.0.1');
    assert.equal(clientAddress(request('10.1.2.3', '6.6.6.6'), none), '10.1.2.3');
  });

  it('is the nearest hop a trusted proxy names that is not a trusted proxy, by exact address or CIDR block', () => {
    const trusted = parseTrustedProxies('::1, 10.0.0.0/8', 'TRUSTED_PROXIES');
    assert.equal(clientAddress(request('::1', '203.0.113.9, 10.0.0.2'), trusted), '203.0.113.9');
    assert.equal(clientAddress(request('10.200.0.1', '203.0.113.7'), trusted), '203.0.113.7');
    assert.equal(clientAddress(request('11.0.0.1', '203.0.113.7'), trusted), '11.0.0.1');
    assert.equal(clientAddress(request('10.200.0.1'), trusted), '10.200.0.1');
    const exactOnly = parseTrustedProxies('127.0.0.1', 'TRUSTED_PROXIES');
    assert.equal(clientAddress(request('::ffff:127.0.0.1', '203.0.113.5'), exactOnly), '203.0.113.5');
    assert.equal(clientAddress(request('127.0.0.2', '203.0.113.5'), exactOnly), '127.0.0.2');
  });

  it('behind a proxy that appends to X-Forwarded-For, is the hop the proxy added, never one the client wrote', () => {
    const trusted = parseTrustedProxies('127.0.0.1', 'TRUSTED_PROXIES');
    // The client sent "X-Forwarded-For: 6.6.6.6, 7.7.7.7"; nginx appended the address it saw.
    assert.equal(clientAddress(request('127.0.0.1', '6.6.6.6, 7.7.7.7, 198.51.100.7'), trusted), '198.51.100.7');
    // Two headers are one list, in order.
    assert.equal(clientAddress(request('127.0.0.1', ['6.6.6.6', '198.51.100.7'] as unknown as string), trusted), '198.51.100.7');
    // A client on the proxy's own machine: every hop trusted, the farthest is the client.
    assert.equal(clientAddress(request('127.0.0.1', '127.0.0.1'), trusted), '127.0.0.1');
    assert.equal(clientAddress(request('127.0.0.1', ' , '), trusted), '127.0.0.1');
  });

  it('refuses a TRUSTED_PROXIES entry that is neither an address nor an IPv4 block', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.local', '300.1.1.1']) assert.throws(() => parseTrustedProxies(bad, 'TRUSTED_PROXIES'), ConfigError, bad);
  });
});
