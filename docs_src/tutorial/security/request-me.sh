curl http://127.0.0.1:8000/users/me -H 'Authorization: Bearer ada'
curl -i http://127.0.0.1:8000/users/me
