import 'reflect-metadata';
import { Controller, EventSourceResponse, Get, ServerSentEvent, StreamingResponse } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsInt, IsString } from 'class-validator';

class Item {
  @IsInt() id!: number;
  @IsString() name!: string;
}

const rows = [
  { id: 1, name: 'Foo', secret: 's1' },
  { id: 2, name: 'Bar', secret: 's2' },
];

@Controller()
class Streams {
  // #region jsonl
  @Get('/items', { responseModel: Item })
  async *items() {
    for (const row of rows) yield row; // one JSON line per item, filtered through Item
  }
  // #endregion jsonl

  // #region sse
  @Get('/prices', { responseClass: EventSourceResponse })
  async *prices() {
    yield new ServerSentEvent({ event: 'hello', id: '1', data: 'welcome' });
    for (const usd of [3, 4]) yield { usd }; // data: {"usd":3}
  }
  // #endregion sse

  // #region raw
  @Get('/countdown')
  countdown() {
    async function* lines() {
      for (let n = 3; n > 0; n--) yield `${n}\n`;
      yield 'liftoff\n';
    }
    return new StreamingResponse(lines(), { mediaType: 'text/plain' });
  }
  // #endregion raw
}

export const app = createApp().include(Streams);
