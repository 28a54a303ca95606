curl http://127.0.0.1:8000/unicorns/yolo
curl http://127.0.0.1:8000/numbers/five
curl http://127.0.0.1:8000/boom
