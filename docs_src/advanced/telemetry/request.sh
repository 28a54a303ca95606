curl 'http://127.0.0.1:8000/books?limit=2'
