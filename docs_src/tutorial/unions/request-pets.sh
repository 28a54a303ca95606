curl -X POST http://127.0.0.1:8000/pets \
  -H 'content-type: application/json' \
  -d '{"pet_type": "dog", "barks": 3, "owner_notes": "not in the model"}'
