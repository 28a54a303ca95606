curl http://127.0.0.1:8000/admin/stats -H 'x-token: fake-super-secret-token' -H 'x-key: fake-super-secret-key'
curl http://127.0.0.1:8000/admin/stats -H 'x-token: wrong' -H 'x-key: fake-super-secret-key'
