curl -i -X POST http://127.0.0.1:8000/items -H 'content-type: application/json' -d '{"name": "Bar"}'
curl -i -X DELETE http://127.0.0.1:8000/items/bar
