npm install @trellis/metadata @trellis/fastify @trellis/swagger @trellis/cli \
  fastify class-validator class-transformer reflect-metadata
npm install --save-dev typescript@5 @types/node@20 @swc/core @swc-node/register
