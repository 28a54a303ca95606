curl -X PUT 'http://127.0.0.1:8000/items/5?q=hello' \
  -H 'content-type: application/json' \
  -d '{"name": "Foo", "description": "A very nice Item", "price": 35.4}'
