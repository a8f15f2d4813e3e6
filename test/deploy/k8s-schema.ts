// Kubernetes' own schemas, offline, through kubernetes-models 4.x: the compiled validator of
// each kind. Those validators accept unknown fields (as the API server's schemas do, which
// then drop them), so unknownFields() adds the check: every field a validator never reads
// is one the schema does not know. Fields under free-form maps (labels, ConfigMap data)
// are read by the validator's loop over their keys, so they count as known.
import { createRequire } from 'node:module';
import path from 'node:path';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; [key: string]: unknown };
  [key: string]: any;
}

export type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const require = createRequire(import.meta.url);
const schemas = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas');

/** "apps/v1" + "StatefulSet" → the compiled schema IoK8sApiAppsV1StatefulSet. */
export function validatorFor(object: K8sObject): Validate {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['core', object.apiVersion];
  const camel = (s: string) => s.replace(/(^|[.-])(\w)/g, (_, __, c: string) => c.toUpperCase());
  const name = `IoK8sApi${camel(group.replace(/\.k8s\.io$/, ''))}${camel(version)}${object.kind}`;
  // Loaded by file path: the package does not export its _schemas folder.
  return (require(path.join(schemas, `${name}.js`)) as { validate: Validate }).validate;
}

/** JSON pointers of every field in `object` that its kind's schema does not read. */
export function unknownFields(object: K8sObject): string[] {
  const read = new Set<string>();
  const watched = new WeakMap<object, object>();
  const watch = (value: unknown, at: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    let proxy = watched.get(value);
    if (!proxy) {
      proxy = new Proxy(value, {
        get(target, key, receiver) {
          const child = Reflect.get(target, key, receiver);
          if (typeof key !== 'string' || !Object.hasOwn(target, key)) return child;
          read.add(`${at}/${key}`);
          return watch(child, `${at}/${key}`);
        },
      });
      watched.set(value, proxy);
    }
    return proxy;
  };
  validatorFor(object)(watch(object, ''));
  const unknown: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      const where = `${at}/${key}`;
      if (!read.has(where)) unknown.push(where);
      else walk((value as Record<string, unknown>)[key], where);
    }
  };
  walk(object, '');
  return unknown;
}
