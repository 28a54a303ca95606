curl http://127.0.0.1:8000/items/42
curl http://127.0.0.1:8000/items/blue-teapot
