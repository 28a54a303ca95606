curl -X POST http://127.0.0.1:8000/token --data-urlencode username=ada --data-urlencode password=secret
