import assert from 'node:assert/strict';
import type { Context } from 'koa';
import { ServiceMetrics } from './metrics.js';

describe('ServiceMetrics', () => {
  const answer = async (metrics: ServiceMetrics, status: number, method = 'GET') => {
    const ctx = { method, status, body: undefined } as unknown as Context;
    await metrics.middleware(() => '/books')(ctx, async () => {});
  };
  const count = async (metrics: ServiceMetrics, labels: string) => {
    const text = await metrics.registry.getSingleMetricAsString('http_requests_total');
    const line = text.split('\n').find((l) => l.startsWith(`http_requests_total{${labels}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('counts every answer in http_requests_total by method, route and status, however often it is read', async () => {
    const metrics = new ServiceMetrics('metrics-test');
    for (let i = 0; i < 3; i++) await answer(metrics, 200);
    await answer(metrics, 404);
    await answer(metrics, 200, 'HEAD');
    const ok = 'method="GET",route="/books",status="200"';
    assert.equal(await count(metrics, ok), 3);
    assert.equal(await count(metrics, ok), 3, 'a second read adds nothing');
    assert.equal(await count(metrics, 'method="GET",route="/books",status="404"'), 1);
    assert.equal(await count(metrics, 'method="HEAD",route="/books",status="200"'), 1);
    await answer(metrics, 200);
    assert.equal(await count(metrics, ok), 4);
    const latency = await metrics.registry.getSingleMetricAsString('http_request_duration_seconds');
    assert.match(latency, /http_request_duration_seconds_count\{service="metrics-test",method="GET",route="\/books",status="200"\} 4/);
  });
});
