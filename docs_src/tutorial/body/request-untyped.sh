curl -X POST http://127.0.0.1:8000/events -H 'Content-Type: application/json' -d '{"kind": "click", "x": 3}'
curl -X POST http://127.0.0.1:8000/events -H 'Content-Type: application/json' -d '["click", 3]'
curl -X POST http://127.0.0.1:8000/events/raw -H 'Content-Type: application/json' -d '["click", 3]'
