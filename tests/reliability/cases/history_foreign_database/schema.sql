CREATE TABLE unrelated (x INTEGER); INSERT INTO unrelated VALUES (1);
