curl -X POST http://127.0.0.1:8000/login
curl -X POST http://127.0.0.1:8000/login
curl -X POST http://127.0.0.1:8000/login
curl -X POST http://127.0.0.1:8000/login
