import {
  createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@safeguard/contracts';
import { Problem } from '../http/problem.js';
import type { Caller, VerifyServiceToken } from './service-token.js';

const PUBLIC = 'safeguard:public';
const ROLES = 'safeguard:roles';

/** Health checks and signed ack links need no service token. */
export const Public = () => SetMetadata(PUBLIC, true);
/** Restricts a route to these roles (scope is checked by the service against the resource). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller =>
  ctx.switchToHttp().getRequest().caller);

/** Checks the bearer service token on every HTTP route not marked @Public(). */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verify: VerifyServiceToken,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new Problem(401, 'Sign-in required', 'A bearer service token is required');
    const result = await this.verify(header.slice(7));
    if (!result.ok) throw new Problem(401, 'Sign-in required', result.reason);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(result.caller.role)) {
      throw new Problem(403, 'Not allowed', `This needs one of the roles: ${roles.join(', ')}`);
    }
    req.caller = result.caller;
    return true;
  }
}
