curl http://127.0.0.1:8000/items/cookies -b 'session_id=123; santa_tracker=good-list-please'
