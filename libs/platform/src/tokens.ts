/** Injection tokens for the platform's providers that are not classes of their own. */
export const CONFIG = Symbol('safeguard:config');
export const LOGGER = Symbol('safeguard:logger');
export const KAFKA = Symbol('safeguard:kafka');
