curl http://127.0.0.1:8000/books/7 -H 'x-forwarded-proto: https' -H 'x-forwarded-host: shop.example'
