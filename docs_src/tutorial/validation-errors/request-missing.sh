curl -X POST http://127.0.0.1:8000/users \
  -H 'content-type: application/json' \
  -H 'x-request-id: 7' \
  -d '{"name": "Ada"}'
