// The one place where an HTTP request becomes an acting user. Sign-in (sessions, tokens) plugs in here.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../app/custodian.ts';

export function resolveActor(_request: FastifyRequest): Actor {
  return { id: 'local-operator' };
}
