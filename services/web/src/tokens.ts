export const WEB_CONFIG = Symbol('web:config');
