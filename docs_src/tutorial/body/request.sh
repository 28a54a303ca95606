curl -X POST http://127.0.0.1:8000/items \
  -H 'content-type: application/json' \
  -d '{"name": "Foo", "price": 35.4, "tax": 3.2}'
