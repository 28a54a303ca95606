curl -X POST http://127.0.0.1:8000/orders/pay \
  -H 'content-type: application/json' \
  -d '{"amountCents": "995"}'
