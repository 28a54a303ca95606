curl -i http://127.0.0.1:8000/items
curl -i http://127.0.0.1:8000/prices
curl -i http://127.0.0.1:8000/countdown
