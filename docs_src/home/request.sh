curl -X POST http://127.0.0.1:8000/users \
  -H 'content-type: application/json' \
  -d '{"name": "", "email": "ada", "age": -1}'
