curl -X POST http://127.0.0.1:8000/owners \
  -H 'content-type: application/json' \
  -d '{"name": "Ann", "pet": {"pet_type": "dog", "barks": -1}}'
curl -X POST http://127.0.0.1:8000/owners \
  -H 'content-type: application/json' \
  -d '{"name": "Ann", "pet": {"pet_type": "fish"}}'
curl -X POST http://127.0.0.1:8000/owners \
  -H 'content-type: application/json' \
  -d '{"name": "Ann", "pet": {"barks": 2}}'
