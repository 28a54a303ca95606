curl http://127.0.0.1:8000/items -H 'User-Agent: curl/8.5.0'
