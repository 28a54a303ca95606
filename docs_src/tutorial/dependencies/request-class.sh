curl 'http://127.0.0.1:8000/books?page=2'
curl 'http://127.0.0.1:8000/books?page=0&size=500'
