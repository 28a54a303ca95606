curl -X POST http://127.0.0.1:8000/users \
  -H 'content-type: application/json' \
  -d '{"name": "Ada", "email": "ada@example.com", "age": 36}'
curl http://127.0.0.1:8000/users/1
curl http://127.0.0.1:8000/users/9
