curl 'http://127.0.0.1:8000/items?q=foo&limit=10'
curl 'http://127.0.0.1:8000/users?skip=20'
