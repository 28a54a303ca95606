curl -X POST 'http://127.0.0.1:8000/users?notify=maybe' \
  -H 'content-type: application/json' \
  -d '{"name": "", "email": "ada", "age": "36.5", "address": {"zip": "123"}, "tags": ["a", 2]}'
