import { connect } from 'node:http2';
import { join } from 'node:path';
import { curlCommands } from '../../support/curl';
import { exampleJson } from '../../support/example-files';
import { app } from './main';

test('request.sh over a real h2c connection, as curl --http2-prior-knowledge sends it', async () => {
  const [request] = curlCommands(join(__dirname, 'request.sh'));
  const address = await app.listen({ port: 0 });
  const session = connect(address);
  try {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const stream = session.request({ ':method': request!.method, ':path': request!.url });
      let status = 0;
      let body = '';
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => resolve({ status, body }));
      stream.on('error', reject);
    });
    expect([status, JSON.parse(body)]).toEqual([200, exampleJson(__dirname, 'response.json')]);
  } finally {
    session.close();
    await app.close();
  }
});
