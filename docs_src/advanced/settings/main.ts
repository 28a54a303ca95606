import 'reflect-metadata';
import { Controller, Depends, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { getSettings, type Settings } from './settings';

// #region handler
@Controller()
class Info {
  @Get('/info')
  info(@Depends(getSettings) settings: Settings) {
    return { logLevel: settings.LOG_LEVEL, cache: settings.REDIS_URL !== undefined };
  }
}
// #endregion handler

// #region main
export function buildApp() {
  const settings = getSettings(); // loads and validates once: an invalid environment stops here
  return {
    app: createApp({ fastify: { logger: { level: settings.LOG_LEVEL } } }).include(Info),
    listen: { host: settings.HOST, port: settings.PORT },
  };
}

if (require.main === module) {
  const { app, listen } = buildApp();
  void app.listen(listen);
}
// #endregion main
