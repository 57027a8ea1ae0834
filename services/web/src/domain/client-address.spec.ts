import { describe, expect, it } from '@jest/globals';
import { throttledAddress } from './client-address.js';

describe('the address sign-in throttling counts by', () => {
  it('is the IPv4 address, also when mapped into IPv6', () => {
    expect(throttledAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttledAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(throttledAddress('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(throttledAddress('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(throttledAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttledAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttledAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('is one bucket when the address is not known', () => {
    expect(throttledAddress(undefined)).toBe('unknown');
  });
});
