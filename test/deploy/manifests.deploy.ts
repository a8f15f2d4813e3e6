// The deployment files, offline: the kustomize base and overlay render, every object is a
// valid Kubernetes object (kubernetes-models' schemas) with no field Kubernetes does not
// know, the shape DESIGN.md asks for holds (one writer per data folder, gateways that
// scale, probes, resources, non-root), and compose.yaml and the Prometheus files parse.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SERVICE_NAMES } from '../../services/shared/config.js';
import { parseTrustedProxies } from '../../services/shared/http/client-address.js';
import { REPO_ROOT } from '../support/processes.js';
import { unknownFields, validatorFor, type K8sObject } from './k8s-schema.js';
import { need } from './need.js';

// js-yaml comes with mocha; the tests read YAML only here.
const yaml = createRequire(import.meta.url)('js-yaml') as { loadAll(text: string): unknown[] };

const KUSTOMIZATIONS = ['deploy/k8s/base', 'deploy/k8s/overlays/example'];

/**
 * Users takes the client's address from the gateway's X-Forwarded-For only from
 * USERS_TRUSTED_PROXIES: it must parse and cover container and pod addresses (Docker's
 * bridge networks, common pod CIDRs), or every login counts against the gateway's address
 * and five wrong passwords from anyone lock an account for everyone.
 */
function assertTrustsContainerAddresses(raw: string | undefined, addresses: string[], where: string): void {
  assert.ok(raw, `${where}: USERS_TRUSTED_PROXIES is set`);
  const trusted = parseTrustedProxies(raw, 'USERS_TRUSTED_PROXIES');
  for (const address of addresses) assert.ok(trusted.has(address), `${where}: trusts ${address}`);
  assert.ok(!trusted.has('203.0.113.7'), `${where}: trusts no public address`);
}

function render(dir: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', path.join(REPO_ROOT, dir)], { encoding: 'utf8' });
  return yaml.loadAll(text).filter(Boolean) as K8sObject[];
}

type Container = { name: string; readinessProbe?: any; livenessProbe?: any; resources?: any; securityContext?: any; env?: any[]; envFrom?: any[] };

describe('deploy/k8s (kustomize, offline)', () => {
  before(() => need({ kubectl: 'kubernetes-client' }));

  for (const dir of KUSTOMIZATIONS) {
    describe(dir, () => {
      let objects: K8sObject[] = [];
      before(() => {
        objects = render(dir);
      });
      const workloads = () => objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment');
      const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name);

      it('renders, and every object validates against its Kubernetes schema', () => {
        assert.ok(objects.length >= 15, `only ${objects.length} objects`);
        for (const object of objects) {
          const validate = validatorFor(object);
          assert.ok(validate(object), `${object.kind}/${object.metadata?.name}: ${JSON.stringify(validate.errors)}`);
        }
      });

      it('has no field Kubernetes does not know (a typo would be dropped silently by the API server)', () => {
        for (const object of objects) assert.deepEqual(unknownFields(object), [], `${object.kind}/${object.metadata?.name}`);
      });

      it('runs each file-backed service as a StatefulSet of one replica with a volume claim mounted at its data folder', () => {
        for (const name of SERVICE_NAMES) {
          const set = named('StatefulSet', name);
          assert.ok(set, `no StatefulSet ${name}`);
          assert.equal(set.spec.replicas, 1, `${name}: one writer per data folder`);
          const claim = set.spec.volumeClaimTemplates?.[0]?.metadata?.name;
          assert.ok(claim, `${name} has no volume claim`);
          const mounts = set.spec.template.spec.containers[0].volumeMounts ?? [];
          assert.ok(mounts.some((m: any) => m.name === claim && m.mountPath === `/data/${name}`), `${name} mounts its claim at /data/${name}`);
          assert.ok(named('Service', name), `no Service ${name}`);
        }
      });

      it('runs the gateway as a Deployment of at least two replicas, with a Service', () => {
        const gateway = named('Deployment', 'gateway');
        assert.ok(gateway && gateway.spec.replicas >= 2, 'gateway replicas');
        assert.ok(named('Service', 'gateway'));
        assert.equal(objects.filter((o) => o.kind === 'Deployment').length, 1, 'nothing but the gateway may scale');
      });

      it('gives every container probes on /health, requests and limits, runAsNonRoot, the token secret and the service URLs', () => {
        assert.equal(workloads().length, SERVICE_NAMES.length + 1);
        for (const workload of workloads()) {
          const pod = workload.spec.template.spec;
          for (const c of pod.containers as Container[]) {
            const where = `${workload.metadata!.name}/${c.name}`;
            assert.equal(c.readinessProbe?.httpGet?.path, '/health', `${where} readiness`);
            assert.ok(c.livenessProbe?.httpGet?.path, `${where} liveness`);
            for (const kind of ['requests', 'limits']) for (const r of ['cpu', 'memory']) assert.ok(c.resources?.[kind]?.[r], `${where} ${kind}.${r}`);
            assert.ok(c.securityContext?.runAsNonRoot === true || pod.securityContext?.runAsNonRoot === true, `${where} runAsNonRoot`);
            assert.ok(c.env?.some((e) => e.name === 'LIBRARY_SECRET' && e.valueFrom?.secretKeyRef?.name === 'library-secret'), `${where} secret`);
            assert.ok(c.envFrom?.some((e) => e.configMapRef?.name === 'library-urls'), `${where} URLs`);
          }
        }
      });

      it('takes the loan policy from a ConfigMap and the gateway hosts from ALLOWED_HOSTS', () => {
        const loans = named('StatefulSet', 'loans')!.spec.template.spec.containers[0] as Container;
        const policyRef = loans.envFrom!.find((e) => e.configMapRef?.name.startsWith('loan-policy'))?.configMapRef.name;
        assert.ok(policyRef && named('ConfigMap', policyRef)?.data.LOAN_PERIOD, 'loan policy ConfigMap');
        const gateway = named('Deployment', 'gateway')!.spec.template.spec.containers[0] as Container;
        const hostsRef = gateway.envFrom!.find((e) => e.configMapRef?.name.startsWith('gateway-hosts'))?.configMapRef.name;
        assert.match(named('ConfigMap', hostsRef)?.data.ALLOWED_HOSTS ?? '', /\S+:\d+/);
        const urls = named('ConfigMap', 'library-urls')!.data;
        for (const name of SERVICE_NAMES) assert.match(urls[`${name.toUpperCase()}_URL`], new RegExp(`^http://${name}:\\d+$`));
      });

      it('lets users see the client addresses the gateways forward (USERS_TRUSTED_PROXIES covers pod addresses)', () => {
        const users = named('StatefulSet', 'users')!.spec.template.spec.containers[0] as Container;
        const raw = users.env?.find((e) => e.name === 'USERS_TRUSTED_PROXIES')?.value as string | undefined;
        assertTrustsContainerAddresses(raw, ['10.244.1.17', '10.42.0.9', '172.17.0.3', '192.168.3.4'], 'users');
      });
    });
  }

  it('the checks find a misspelt field, a field in the wrong place and a value of the wrong type', () => {
    const [set] = render('deploy/k8s/base').filter((o) => o.kind === 'StatefulSet');
    set.spec.replica = 1;
    set.spec.template.spec.containers[0].resources.request = { cpu: '1' };
    assert.deepEqual(unknownFields(set).sort(), ['/spec/replica', '/spec/template/spec/containers/0/resources/request']);
    set.spec.replicas = 'one';
    assert.equal(validatorFor(set)(set), false, 'a string where the schema wants an integer');
  });
});

describe('compose.yaml and the Prometheus configurations (offline)', () => {
  before(() => need({ 'docker-compose': 'docker-compose', promtool: 'prometheus' }));

  it('docker-compose config -q accepts compose.yaml', () => {
    execFileSync('docker-compose', ['-f', path.join(REPO_ROOT, 'compose.yaml'), 'config', '-q'], {
      env: { ...process.env, LIBRARY_SECRET_PATH: path.join(REPO_ROOT, 'package.json') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  });

  it('lets users see the client addresses the gateway forwards (USERS_TRUSTED_PROXIES covers Docker networks)', () => {
    const text = execFileSync('docker-compose', ['-f', path.join(REPO_ROOT, 'compose.yaml'), 'config'], {
      env: { ...process.env, LIBRARY_SECRET_PATH: path.join(REPO_ROOT, 'package.json') },
      encoding: 'utf8',
    });
    const [config] = yaml.loadAll(text) as { services: Record<string, { environment?: Record<string, string> }> }[];
    assertTrustsContainerAddresses(config.services.users.environment?.USERS_TRUSTED_PROXIES, ['172.18.0.5', '172.31.255.2', '192.168.16.3', '10.10.0.4'], 'compose users');
  });

  it('promtool accepts the compose and Kubernetes scrape configurations', () => {
    for (const file of ['compose.yml', 'kubernetes.yml']) {
      execFileSync('promtool', ['check', 'config', path.join(REPO_ROOT, 'deploy/prometheus', file)], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  });
});
