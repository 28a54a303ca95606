npm ci --omit=dev                      # the production dependencies only, exactly as locked
npm run build                          # tsc → dist/ (decorator metadata included)
npx trellis start --workers 2          # dist/app.js on $PORT (8000), one worker per core
npx trellis start --port 8080 --host 0.0.0.0
npx trellis worker                     # the durable tasks (@trellis/bullmq), in a process of their own
