// oidc-provider ships no typings and @types/oidc-provider is not a dependency; council-idp.ts types the few parts
// it uses itself.
declare module 'oidc-provider';
