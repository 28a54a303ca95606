curl -X POST http://127.0.0.1:8000/passwords/hash -H 'content-type: application/json' -d '{"password": "correct horse"}'
