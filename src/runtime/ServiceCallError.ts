/** Why a service call failed, as data: the caller counts failures by kind. */
export type ServiceCallFailure = 'unavailable' | 'timeout' | 'destroyed';

export class ServiceCallError extends Error {
  readonly kind: ServiceCallFailure;
  /** The fully resolved service name. */
  readonly service: string;

  constructor(kind: ServiceCallFailure, service: string, message: string) {
    super(message);
    this.name = 'ServiceCallError';
    this.kind = kind;
    this.service = service;
  }
}

/** The message types a service's request and response travel as (rosidl's naming). */
export function serviceMessageTypes(type: string): { request: string; response: string } {
  return { request: `${type}_Request`, response: `${type}_Response` };
}

/** Checks a timeout argument; returns it in nanoseconds (Infinity when none). */
export function timeoutNs(timeoutSeconds: number | undefined, service: string): number {
  if (timeoutSeconds === undefined) return Infinity;
  if (!(timeoutSeconds >= 0)) throw new RangeError(`service '${service}': timeout must be >= 0 seconds, found ${timeoutSeconds}`);
  return Math.round(timeoutSeconds * 1e9);
}
