curl http://127.0.0.1:8000/books -H 'host: evil.example'
curl http://127.0.0.1:8000/books -H 'host: shop.example'
curl http://127.0.0.1:8000/books -H 'host: shop.example' -H 'x-forwarded-proto: https'
