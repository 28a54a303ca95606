npx ts-node main.ts
