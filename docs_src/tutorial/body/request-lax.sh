curl -X POST http://127.0.0.1:8000/orders \
  -H 'content-type: application/json' \
  -d '{"quantity": "2", "price": "9.5", "gift": "yes", "couponCode": "WINTER"}'
