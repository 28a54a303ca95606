curl http://127.0.0.1:8000/api/users -H 'x-token: fake-super-secret-token'
curl http://127.0.0.1:8000/api/catalog/items/plumbus -H 'x-token: fake-super-secret-token'
curl http://127.0.0.1:8000/api/catalog/items/plumbus
curl -X POST http://127.0.0.1:8000/admin/
