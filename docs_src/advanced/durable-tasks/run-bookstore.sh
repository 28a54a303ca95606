# once, at the repository root: build every package and the example
npm run build

# the web process; orders enqueue their confirmation in Redis
REDIS_URL=redis://127.0.0.1:6379 npm start --prefix examples/bookstore

# one or more worker processes, each in its own terminal or container
REDIS_URL=redis://127.0.0.1:6379 npm run worker --prefix examples/bookstore

# without REDIS_URL the confirmations run inside the web process, as before
npm start --prefix examples/bookstore
