curl -X POST http://127.0.0.1:8000/items -H 'content-type: application/json' -d '{"id":"foo","name":"The Foo Wrestlers"}'
curl -X POST http://127.0.0.1:8000/items -H 'content-type: application/json' -d '{"id":"foo","name":"Again"}'
curl http://127.0.0.1:8000/items/bar
curl http://127.0.0.1:8000/items/foo/secret
