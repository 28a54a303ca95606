curl -X POST http://127.0.0.1:8000/owners \
  -H 'content-type: application/json' \
  -d '{"name": "Ann", "pet": {"pet_type": "cat", "meows": true}}'
