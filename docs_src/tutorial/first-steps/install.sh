npm init -y
npm install @trellis/metadata @trellis/fastify @trellis/swagger reflect-metadata class-validator class-transformer
npm install --save-dev typescript ts-node @types/node
