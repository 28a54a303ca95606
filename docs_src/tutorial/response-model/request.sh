curl -X POST http://127.0.0.1:8000/users \
  -H 'content-type: application/json' \
  -d '{"name": "Grace", "email": "grace@example.com", "password": "hunter2hunter2"}'
