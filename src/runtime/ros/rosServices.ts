/**
 * Runtime services as rclnodejs services: `createServiceClient` -> `node.createClient(type, name,
 * {enableTypedArray: false})`, `createService` -> `node.createService(type, name, {enableTypedArray:
 * false}, callback)`. Requests and responses cross as plain objects converted like topic messages
 * (`<type>_Request` / `_Response`: 64-bit integers as bigint for rclnodejs, numbers for node
 * programs). rclnodejs has no call timeout and loses a request sent while no server exists, so
 * `call` checks for a server first ('unavailable') and arms a one-shot timer on the node's clock
 * ('timeout'); a response after the timeout is ignored.
 */
import type { ServiceClient, ServiceHandler, ServiceServer } from '../NodeHandle.js';
import { ServiceCallError, serviceMessageTypes, timeoutNs } from '../ServiceCallError.js';
import type { RclTimer } from './RclnodejsApi.js';
import { fromRclMessage, toRclMessage } from './rosMessages.js';
import type { RosActionContext } from './rosActions.js';

export function createRosServiceClient<Q, S>(ctx: RosActionContext, type: string, name: string): ServiceClient<Q, S> {
  const types = serviceMessageTypes(type);
  const client = ctx.node.createClient(type, name, { enableTypedArray: false });
  const resolved = client.serviceName ?? ctx.resolve(name);
  const pending = new Set<(err: ServiceCallError) => void>();
  let destroyed = false;
  return {
    name: resolved,
    type,
    isServiceAvailable: () => client.isServiceServerAvailable(),
    waitForService: (timeoutSeconds?: number) => {
      const limit = timeoutNs(timeoutSeconds, resolved);
      return client.waitForService(limit === Infinity ? undefined : Math.round(limit / 1e6));
    },
    call(request: Q, timeoutSeconds?: number): Promise<S> {
      if (destroyed) return Promise.reject(new ServiceCallError('destroyed', resolved, `service client '${resolved}' is destroyed; cannot call it`));
      const limit = timeoutNs(timeoutSeconds, resolved);
      if (!client.isServiceServerAvailable()) return Promise.reject(new ServiceCallError('unavailable', resolved, `no server for service '${resolved}' (${type})`));
      return new Promise<S>((resolve, reject) => {
        let timer: RclTimer | null = null;
        let settled = false;
        const finish = () => {
          settled = true;
          pending.delete(fail);
          if (timer !== null) {
            ctx.node.destroyTimer(timer);
            timer = null;
          }
        };
        const fail = (err: ServiceCallError) => {
          if (settled) return;
          finish();
          reject(err);
        };
        pending.add(fail);
        client.sendRequest(
          toRclMessage(types.request, request),
          ctx.guard(`response of service '${resolved}'`, (response: unknown) => {
            if (settled) return;
            finish();
            resolve(fromRclMessage(types.response, response) as S);
          }),
        );
        if (limit !== Infinity) {
          timer = ctx.node.createTimer(BigInt(Math.max(1, limit)), () => fail(new ServiceCallError('timeout', resolved, `service '${resolved}' did not answer within ${limit / 1e9} s`)));
        }
      });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const fail of [...pending]) fail(new ServiceCallError('destroyed', resolved, `service client '${resolved}' was destroyed during the call`));
      ctx.node.destroyClient(client);
    },
  };
}

export function createRosService<Q, S>(ctx: RosActionContext, type: string, name: string, handler: ServiceHandler<Q, S>): ServiceServer {
  if (typeof handler !== 'function') throw new TypeError(`service '${name}': the handler must be a function`);
  const types = serviceMessageTypes(type);
  let destroyed = false;
  const service = ctx.node.createService(type, name, { enableTypedArray: false }, (raw, response) => {
    // Answered through `response.send`, never through the return value, so rclnodejs sends once.
    ctx.guard(`service handler of '${name}'`, () => {
      const send = (r: S) => {
        if (!destroyed) response.send(toRclMessage(types.response, r ?? {}));
      };
      const returned = handler(fromRclMessage(types.request, raw) as Q);
      if (returned !== null && typeof (returned as PromiseLike<S>)?.then === 'function') {
        (returned as PromiseLike<S>).then(ctx.guard(`response of service '${name}'`, send), (err: unknown) => {
          ctx.logError(`service handler of '${name}' failed: ${err instanceof Error ? err.message : String(err)}; the request is not answered`);
        });
      } else {
        send(returned as S);
      }
    })();
    return undefined;
  });
  return {
    name: service.serviceName ?? ctx.resolve(name),
    type,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      ctx.node.destroyService(service);
    },
  };
}
