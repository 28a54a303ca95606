curl -X POST http://127.0.0.1:8000/items/5/rename \
  -H 'content-type: application/json' \
  -d '{"name": "Bar", "importance": 2}'
